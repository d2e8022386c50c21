# syntax=docker/dockerfile:1
# eks-net-planner: build with the dev toolchain, run with production dependencies only.
#   docker build -t eks-net-planner .
#   docker run -p 3000:3000 -e DATABASE_URL=postgres://... -e ADMIN_API_KEY=... eks-net-planner

ARG NODE_IMAGE=node:22-bookworm-slim

# ---- build: TypeScript -> dist/ (src/ and migrations/ alike: dist/src, dist/migrations), the same
# build `npm start` runs ----
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY migrations ./migrations
RUN npm run build

# ---- production dependencies only ----
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

# ---- runtime ----
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    PORT=3000 \
    HOST=0.0.0.0
WORKDIR /app
# package.json marks the project root: the service finds src/catalog/snapshot relative to it.
COPY --chown=root:root package.json ./
COPY --from=deps --chown=root:root /app/node_modules ./node_modules
# The compiled service and its migrations (dist/migrations; the CLI and TypeORM use them); the
# migrations run at start.
COPY --from=build --chown=root:root /app/dist ./dist
# The bundled instance-type catalog, read at run time from <project>/src/catalog/snapshot
# (src/catalog/bundled-catalog.ts) to fill an empty database.
COPY --chown=root:root src/catalog/snapshot ./src/catalog/snapshot
# Files stay owned by root and read-only for the service; the embedded database (no
# DATABASE_URL, for trying it out only) needs a writable DATA_DIR: /app/.data by default.
RUN mkdir -p /app/.data && chown node:node /app/.data
USER node
EXPOSE 3000
# The image has no curl/wget: Node's fetch checks liveness.
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health/live').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# A bounded V8 heap: without it V8 sizes the old space by the host's memory and lets RSS grow by
# 150-200 MiB under load before collecting; 256 MiB is three times the heap the service uses under load.
CMD ["node", "--max-old-space-size=256", "dist/src/main.js"]
