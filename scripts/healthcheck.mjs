// Container health check: exit 0 when this container's app answers /health/ready with 200,
// i.e. every dependency it uses answers; compose starts what depends on it only then.
// The port is PORT, else the default port of the image's app (APP).
const DEFAULT_PORTS = {
  'event-manager': 3001,
  'handler-router': 3002,
  'severity-pipeline': 3003,
  'event-hub': 8000,
  shop: 3005,
};
const port = process.env.PORT ?? DEFAULT_PORTS[process.env.APP ?? ''];
if (!port) {
  console.error('healthcheck: neither PORT nor a known APP is set');
  process.exit(1);
}
fetch(`http://127.0.0.1:${port}/health/ready`, { signal: AbortSignal.timeout(2500) }).then(
  (response) => process.exit(response.ok ? 0 : 1),
  () => process.exit(1),
);
