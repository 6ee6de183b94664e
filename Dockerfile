# syntax=docker/dockerfile:1
# One image for both stateless roles (api, worker); compose picks the role with the command.
# Stage 1 builds the web UI with the dev dependencies (vite); the final stage installs production
# dependencies only, runs as the unprivileged `node` user, with tini as PID 1 so SIGTERM reaches node
# (which drains the worker and closes the API) and zombies are reaped.

FROM node:22-slim AS web
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build:web

FROM node:22-slim
RUN apt-get update \
  && apt-get install -y --no-install-recommends tini \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000 DATA_DIR=/data
COPY package.json package-lock.json ./
# tsx (a production dependency) runs the TypeScript sources; the worker bundles the workflows at start.
# The Temporal core bridge ships native binaries for five platforms (~150 MB): keep this one's.
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force \
  && find node_modules/@temporalio/core-bridge/releases -mindepth 1 -maxdepth 1 -type d ! -name "$(uname -m)-unknown-linux-gnu" -exec rm -rf {} +
COPY . .
COPY --from=web /app/web/dist ./web/dist
# The prebuilt UI must count as fresh (platform/web-build.ts compares mtimes): no vite in this image.
RUN touch web/dist/index.html && mkdir -p /data && chown node:node /data
USER node
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/livez').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["node", "--import", "tsx", "scripts/api-main.ts"]
