# syntax=docker/dockerfile:1
# The api, serving the built console too. Build from the repository root:
#   docker build -f docker/api.Dockerfile -t updraft/api .
# The same image runs the migrations: `node dist/apps/api/main.js migrate`.

FROM node:22-bookworm-slim AS base
ENV NX_DAEMON=false NX_NO_CLOUD=true NG_CLI_ANALYTICS=false CI=true \
    npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false
# Compilers for native modules (argon2) on platforms without a prebuilt binary.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./

# `npm install`, not `npm ci`: the lockfile lacks some other-platform optional packages on the
# registry these images are built against, and `npm ci` rejects it for that.
FROM base AS deps
RUN --mount=type=cache,target=/root/.npm npm install --omit=dev

FROM base AS build
RUN --mount=type=cache,target=/root/.npm npm install
COPY . .
RUN npx nx build api && npx nx build console

FROM node:22-bookworm-slim AS runtime
RUN apt-get update \
 && apt-get install -y --no-install-recommends tini \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist/apps/api ./dist/apps/api
COPY --from=build /app/dist/apps/console/browser ./dist/apps/console/browser
COPY docker/check-runtime-deps.cjs /tmp/check-runtime-deps.cjs
RUN node /tmp/check-runtime-deps.cjs dist/apps/api/main.js \
 && rm /tmp/check-runtime-deps.cjs \
 && mkdir -p /data && chown node:node /data
ENV NODE_ENV=production PORT=3000 DATA_DIR=/data CONSOLE_DIR=/app/dist/apps/console/browser
# The code stays root-owned and read-only to the user the server runs as.
USER node
EXPOSE 3000
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["node", "dist/apps/api/main.js"]
