import type { Command } from 'commander';
import { loadConfig } from '../config.js';
import { startServer } from '../server.js';

export function serveCommand(program: Command): void {
  program
    .command('serve')
    .description('start the server (API, docs, web app) on PORT (default 3000)')
    .option('-p, --port <port>', 'port to listen on (overrides PORT)')
    .option('--host <host>', 'interface to listen on (overrides HOST, default 127.0.0.1)')
    .action(async (options: { port?: string; host?: string }) => {
      const env = { ...process.env };
      if (options.port !== undefined) env.PORT = options.port;
      if (options.host !== undefined) env.HOST = options.host;
      const config = loadConfig(env);
      const started = Date.now();
      const server = await startServer(config, { logger: process.env.LOG_LEVEL !== undefined });
      const where = config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `PGlite in ${config.dataDir}`;
      const lines = [
        `Touchpoints listening on ${server.url} — catalog: ${where} (ready in ${Date.now() - started} ms)`,
        `API docs: ${server.url}/docs`,
      ];
      const first = server.firstRun;
      if (first.kind === 'admin_created')
        lines.push(`Created owner ${first.email}; sign in with TOUCHPOINTS_ADMIN_PASSWORD.`);
      if (first.kind === 'setup_link') lines.push(`First run: create the owner account at ${first.url}`);
      // One write, so readers of the output see the whole start-up message at once.
      process.stdout.write(`${lines.join('\n')}\n`);
      let stopping = false;
      const stop = async (signal: string) => {
        if (stopping) return;
        stopping = true;
        console.log(`${signal}: stopping`);
        await server.close();
        process.exit(0);
      };
      process.on('SIGINT', () => void stop('SIGINT'));
      process.on('SIGTERM', () => void stop('SIGTERM'));
    });
}
