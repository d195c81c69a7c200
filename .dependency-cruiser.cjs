// The import rules of docs/ARCHITECTURE.md ("The map"), checked by `npm run lint` (and so by
// `npm test`): a violation names the rule and both files. test/architecture.test.ts proves they bite.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'model-is-the-ground-floor',
      comment: 'src/model/ imports nothing from the project: every other folder may read it.',
      severity: 'error',
      from: { path: '^src/model/' },
      to: { path: '^src/', pathNot: '^src/model/' },
    },
    {
      name: 'analysis-reads-results-only',
      comment: 'src/analysis/ holds pure functions of results: model in, values out.',
      severity: 'error',
      from: { path: '^src/analysis/' },
      to: { path: '^src/', pathNot: '^src/(model|analysis)/' },
    },
    {
      name: 'report-reads-model-only',
      comment: 'Reporters turn a result into text: they read model/ and analysis/ (and their own helpers), nothing else.',
      severity: 'error',
      from: { path: '^src/report/' },
      to: { path: '^src/', pathNot: '^src/(model|analysis|report)/|^src/version\\.ts$' },
    },
    {
      name: 'secrets-stand-alone',
      comment: 'src/secrets/ decides what is secret and masks it; it needs nothing but itself.',
      severity: 'error',
      from: { path: '^src/secrets/' },
      to: { path: '^src/', pathNot: '^src/secrets/' },
    },
    {
      name: 'probes-and-run-never-print',
      comment: 'Probing produces data; turning it into text or files is report/, sinks/ and cli/ work.',
      severity: 'error',
      from: { path: '^src/(probes|run|http|config|target)/' },
      to: { path: '^src/(report|sinks|cli)/' },
    },
    {
      name: 'sinks-below-the-cli',
      comment: 'Sinks deliver a result; the command line chooses them, never the other way round.',
      severity: 'error',
      from: { path: '^src/sinks/' },
      to: { path: '^src/(cli|run|probes|http|target)/' },
    },
    {
      name: 'no-cycles',
      comment: 'Two modules that import each other are one concept split in two, or two tangled together.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|dist)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
