// `import text from 'pkg/file?raw'`: a file's text, as Vite/vitest and scripts/build.js read it.
declare module '*?raw' {
  const text: string;
  export default text;
}
