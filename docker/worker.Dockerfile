# syntax=docker/dockerfile:1
# The worker. Build from the repository root:
#   docker build -f docker/worker.Dockerfile -t updraft/worker .

FROM node:22-bookworm-slim AS base
ENV NX_DAEMON=false NX_NO_CLOUD=true CI=true \
    npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false
# Compilers for native modules (argon2) on platforms without a prebuilt binary.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./

# `npm install`, not `npm ci`: see api.Dockerfile.
FROM base AS deps
RUN --mount=type=cache,target=/root/.npm npm install --omit=dev

FROM base AS build
RUN --mount=type=cache,target=/root/.npm npm install
COPY . .
RUN npx nx build worker

FROM node:22-bookworm-slim AS runtime
# bash runs tenant shell tasks; util-linux gives `unshare` (a network namespace per task) and
# `setpriv` (dropping tenant code to `nobody`); tini reaps the task processes' orphans.
RUN apt-get update \
 && apt-get install -y --no-install-recommends bash util-linux tini \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist/apps/worker ./dist/apps/worker
COPY docker/check-runtime-deps.cjs /tmp/check-runtime-deps.cjs
RUN node /tmp/check-runtime-deps.cjs dist/apps/worker/main.js \
 && rm /tmp/check-runtime-deps.cjs \
 && mkdir -p /data && chown node:node /data
ENV NODE_ENV=production DATA_DIR=/data
# Unlike the api and scheduler, the worker stays root on purpose: the sandbox runs each tenant
# process as `nobody` (setpriv) inside its own network namespace (unshare -n), and both need
# root in the container. Tenant code itself never runs as root. Privileges the sandbox needs:
# CAP_SYS_ADMIN (`unshare -n`/`-p`), CAP_SETUID/CAP_SETGID (`setpriv` to nobody), CAP_KILL (see
# compose.yml and deploy/kubernetes/base/worker.yaml). Without them the worker still runs, degraded:
# it logs `sandbox degraded: …` at start naming what is missing, and updraft_sandbox_isolation says 0.
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["node", "dist/apps/worker/main.js"]
