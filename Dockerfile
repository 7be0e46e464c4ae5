# The platform as an operator runs it: compiled once, run as an unprivileged user.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json nest-cli.json ./
COPY apps apps
COPY libs libs
COPY test test
COPY bench bench
COPY scripts scripts
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000
COPY --from=build /app/node_modules node_modules
COPY --from=build /app/dist dist
COPY package.json ./
COPY scripts/aliases.js scripts/aliases.js
COPY apps/platform/views apps/platform/views
COPY apps/platform/locales apps/platform/locales
COPY apps/platform/public apps/platform/public
COPY tenants tenants
USER node
EXPOSE 3000
CMD ["node", "-r", "./scripts/aliases.js", "dist/apps/platform/src/main.js"]
