# One Dockerfile for the workspace; the app is a build argument, and the image runs it as a
# non-root user with a health check (readiness: /health/ready):
#   docker build --build-arg APP=shop -t event-systems/shop .
# Every image holds the five apps' build (their CLIs and scripts too); APP picks what runs,
# and docker-compose.yml may still run another app or role of the same build per service.
ARG APP=event-manager

FROM node:24-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npx nest build --all && npm prune --omit=dev

FROM node:24-slim
ARG APP
WORKDIR /app
ENV NODE_ENV=production APP=${APP}
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY scripts/healthcheck.mjs ./scripts/
RUN mkdir -p data && chown node:node data
USER node
VOLUME ["/app/data"]
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=5 \
  CMD ["node", "scripts/healthcheck.mjs"]
# exec: the app is PID 1's direct replacement, so SIGTERM reaches it and it drains.
CMD ["sh", "-c", "exec node dist/apps/${APP}/main.js"]
