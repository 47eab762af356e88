# syntax=docker/dockerfile:1
# The scheduler. Build from the repository root:
#   docker build -f docker/scheduler.Dockerfile -t updraft/scheduler .

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
RUN npx nx build scheduler

FROM node:22-bookworm-slim AS runtime
RUN apt-get update \
 && apt-get install -y --no-install-recommends tini \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist/apps/scheduler ./dist/apps/scheduler
COPY docker/check-runtime-deps.cjs /tmp/check-runtime-deps.cjs
RUN node /tmp/check-runtime-deps.cjs dist/apps/scheduler/main.js && rm /tmp/check-runtime-deps.cjs
ENV NODE_ENV=production
USER node
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["node", "dist/apps/scheduler/main.js"]
