# The platform as an operator runs it: compiled once, run as an unprivileged user,
# its only writable place the /data volume (photo and logo uploads; the embedded
# database too when DATABASE_URL is unset). Tests and the bench stay out.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json nest-cli.json ./
COPY apps apps
COPY libs libs
# test/ and bench/ are not copied (.dockerignore), and tsconfig.build.json compiles apps and libs without the unit
# specs; tsc-alias rewrites the @app/ imports to relative paths, so the compiled code runs with plain `node`.
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000 DATA_DIR=/data TENANTS_DIR=/app/tenants
WORKDIR /app
# Code and tenant folders belong to root and are read-only for the process; tenant
# changes at runtime go through the admin console into the database.
COPY --from=build /app/node_modules node_modules
COPY --from=build /app/dist/apps dist/apps
COPY --from=build /app/dist/libs dist/libs
COPY package.json ./
COPY apps/platform/views apps/platform/views
COPY apps/platform/locales apps/platform/locales
COPY apps/platform/public apps/platform/public
COPY tenants tenants
# A new named volume takes this ownership, so the unprivileged user can write uploads.
RUN mkdir -p /data && chown node:node /data
VOLUME /data
USER node
EXPOSE 3000
# Liveness only: /healthz answers for any Host and needs no tenant. (Readiness, /readyz, is for the load balancer.)
HEALTHCHECK --interval=10s --timeout=3s --start-period=90s --retries=3 \
  CMD ["node", "-e", "require('http').get({host:'127.0.0.1',port:process.env.PORT,path:'/healthz',headers:{host:'healthcheck'}},r=>process.exit(r.statusCode===200?0:1)).on('error',()=>process.exit(1))"]
# SIGTERM drains in-flight requests and jobs (SHUTDOWN_TIMEOUT_SECONDS, default 25 s; docker stop waits 10 s unless
# given --time / stop_grace_period, which the compose file sets to 30 s).
STOPSIGNAL SIGTERM
CMD ["node", "dist/apps/platform/src/main.js"]
