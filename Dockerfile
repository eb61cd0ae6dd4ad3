# syntax=docker/dockerfile:1
# Careslot's image, in stages (README → Deploy):
#   deps     every npm package (build tools included)
#   build    `npm run build`: the standalone server with its static files copied beside it
#   migrate  the one-off migration (docker compose's `migrate` service, the Kubernetes Job)
#   backup   pg_dump to the bucket (the compose `backup` service, the Kubernetes CronJob)
#   runtime  the default target: only the standalone output, run as the unprivileged `node` user
# One Node image for every stage (change every FROM together). Debian (glibc), not Alpine:
# the traced native modules (sharp, @node-rs/argon2) are their linux-x64-gnu builds.
FROM node:20.20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
# `npm install`, not `npm ci`: STACK-NOTES.md explains why this lockfile needs it.
RUN npm install --no-audit --no-fund && npm cache clean --force

FROM node:20.20-bookworm-slim AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
COPY --from=deps /app/node_modules ./node_modules
COPY . .
# The build validates the configuration but keeps none of it: these throwaway values never reach the image.
RUN AUTH_SECRET=build-only-build-only-build-only-0123 \
    DATA_ENCRYPTION_KEYS=build:YnVpbGQtb25seS1idWlsZC1vbmx5LWJ1aWxkLW9ubHk= \
    npm run build

FROM node:20.20-bookworm-slim AS migrate
WORKDIR /app
ENV NODE_ENV=production
COPY --from=deps --chown=node:node /app/node_modules ./node_modules
COPY --chown=node:node package.json tsconfig.json ./
COPY --chown=node:node db ./db
USER node
CMD ["node", "--import", "tsx", "db/migrate.ts"]

FROM node:20.20-bookworm-slim AS backup
WORKDIR /app
# PostgreSQL 15's pg_dump and pg_restore (Debian 12's own), matching the server's major version.
RUN apt-get update \
    && apt-get install -y --no-install-recommends postgresql-client-15 \
    && rm -rf /var/lib/apt/lists/*
COPY --from=deps --chown=node:node /app/node_modules ./node_modules
COPY --chown=node:node package.json tsconfig.json ./
COPY --chown=node:node scripts/backup.ts ./scripts/backup.ts
USER node
CMD ["node", "--import", "tsx", "scripts/backup.ts"]

FROM node:20.20-bookworm-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    PORT=3000 \
    HOSTNAME=0.0.0.0 \
    STORAGE_DIR=/app/data/storage
COPY --from=build --chown=node:node /app/.next/standalone ./
RUN mkdir -p /app/data/storage && chown -R node:node /app/data
USER node
EXPOSE 3000
# Ready, not merely alive: the database answers and its migrations are current. Five misses
# (75 s) before "unhealthy" cover the start-up; no --start-period, which dockerfilelint misreads.
HEALTHCHECK --interval=15s --timeout=5s --retries=5 \
    CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/api/health/ready').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# SIGTERM drains requests and jobs (lib/lifecycle/shutdown.ts); `docker stop -t 30` leaves it the time.
STOPSIGNAL SIGTERM
CMD ["node", "server.js"]
