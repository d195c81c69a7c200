# upprobe's container image, named `upprobe` by deploy/kubernetes:
#   docker build -t registry.example.com/upprobe:0.1.0 .
# Two stages: `npm ci` builds dist/ through `prepare` with esbuild, a devDependency; the image
# itself gets production dependencies only, installed without scripts, and the built dist/.
FROM node:20-bookworm-slim AS build
WORKDIR /src
COPY . .
RUN npm ci --no-audit --no-fund

FROM node:20-bookworm-slim
ENV NODE_ENV=production HOME=/tmp
WORKDIR /app
COPY package.json package-lock.json ./
# --ignore-scripts: `prepare` would build again, without esbuild; dist/ comes from the build stage.
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force
COPY --from=build /src/dist ./dist
COPY bin ./bin
COPY probes.yaml ./
# A numeric non-root user, so Kubernetes' runAsNonRoot can verify it (deploy/kubernetes uses 10001).
USER 10001:10001
ENTRYPOINT ["node", "/app/bin/upprobe.js"]
CMD ["--help"]
