import { createServer } from 'node:net';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppConfig } from '../config/app.config';
import { PlatformModule } from '../platform.module';
import { bootstrapApp } from './bootstrap-app';

class ExampleConfig extends AppConfig {}

@Module({ imports: [PlatformModule.forApp({ name: 'example', config: ExampleConfig })] })
class ExampleModule {}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

describe('bootstrapApp', () => {
  const env = { ...process.env };

  afterEach(() => {
    process.env = { ...env };
    jest.restoreAllMocks();
  });

  it('stops with one line naming the bad variable before creating the app', async () => {
    process.env.PORT = 'eighty';
    const exit = jest.spyOn(process, 'exit').mockImplementation(() => {
      throw new Error('process.exit');
    });
    const error = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const create = jest.spyOn(NestFactory, 'create');

    await expect(
      bootstrapApp({ name: 'example', module: ExampleModule, config: ExampleConfig }),
    ).rejects.toThrow('process.exit');

    expect(exit).toHaveBeenCalledWith(1);
    expect(error).toHaveBeenCalledTimes(1);
    expect(error).toHaveBeenCalledWith(
      'example: Invalid configuration: PORT must be an integer number (got "eighty")',
    );
    expect(create).not.toHaveBeenCalled();
  });

  it('listens on the configured port and serves /health', async () => {
    const port = await freePort();
    Object.assign(process.env, { PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'fatal' });

    const app = await bootstrapApp({
      name: 'example',
      module: ExampleModule,
      config: ExampleConfig,
    });
    try {
      const response = await fetch(`http://127.0.0.1:${port}/health`);
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ status: 'ok' });
    } finally {
      await app.close();
    }
  });

  it('lets a module with forConfig choose the module from the validated config', async () => {
    const port = await freePort();
    Object.assign(process.env, { PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'fatal' });
    const seen: number[] = [];
    const chooser = {
      forConfig: (config: ExampleConfig) => {
        seen.push(config.PORT);
        return ExampleModule;
      },
    };

    const app = await bootstrapApp({ name: 'example', module: chooser, config: ExampleConfig });
    try {
      expect(seen).toEqual([port]);
      expect((await fetch(`http://127.0.0.1:${port}/health`)).status).toBe(200);
    } finally {
      await app.close();
    }
  });
  it('runs beforeListen with the app and the config before the HTTP listener starts', async () => {
    const port = await freePort();
    Object.assign(process.env, { PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'fatal' });
    const seen: { listening: boolean; port: number }[] = [];

    const app = await bootstrapApp({
      name: 'example',
      module: ExampleModule,
      config: ExampleConfig,
      beforeListen: (created, config) => {
        const server = created.getHttpServer() as { listening: boolean };
        seen.push({ listening: server.listening, port: config.PORT });
        return Promise.resolve();
      },
    });
    try {
      expect(seen).toEqual([{ listening: false, port }]);
      expect((await fetch(`http://127.0.0.1:${port}/health`)).status).toBe(200);
    } finally {
      await app.close();
    }
  });

  it('stops with one line when beforeListen fails', async () => {
    const port = await freePort();
    Object.assign(process.env, { PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'fatal' });
    const exit = jest.spyOn(process, 'exit').mockImplementation(() => {
      throw new Error('process.exit');
    });

    await expect(
      bootstrapApp({
        name: 'example',
        module: ExampleModule,
        config: ExampleConfig,
        beforeListen: () => Promise.reject(new Error('port 50051 is taken')),
      }),
    ).rejects.toThrow('process.exit');

    expect(exit).toHaveBeenCalledWith(1);
    await expect(fetch(`http://127.0.0.1:${port}/health`)).rejects.toThrow();
  });
});
