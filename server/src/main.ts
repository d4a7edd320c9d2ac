import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import {
  ConversationStoreService,
  CredentialsService,
  catalogue as defaultCatalogue,
  KnowledgeService,
  ModelProvidersService,
  PriceTableService,
  type SubflowRunner,
  SubflowService,
} from '@tailor/nodes';
import type { Catalogue, ServiceRegistry } from '@tailor/runtime';
import type { Server as SocketServer } from 'socket.io';
import { createApp } from './app.js';
import { AdminAuth } from './auth/admin-auth.js';
import { ApiKeyAuth } from './auth/api-key-auth.js';
import { PriceSettings } from './compose/price-settings.js';
import { startProviderDirectory } from './compose/provider-directory.js';
import type { ServerConfig } from './config.js';
import { BullmqExecutor } from './executors/bullmq-executor.js';
import type { Executor, ServicesFor } from './executors/executor.js';
import { InProcessExecutor } from './executors/in-process-executor.js';
import { type RunningWorker, startWorker } from './executors/run-worker.js';
import { LocalRunBus } from './realtime/local-run-bus.js';
import { RedisRunBus } from './realtime/redis-run-bus.js';
import type { RunBus } from './realtime/run-bus.js';
import { attachSocketServer } from './realtime/socket-server.js';
import { RunRetention } from './retention/run-retention.js';
import { evaluationServiceOf } from './routes/evaluation-routes.js';
import { FlowResolver } from './runs/flow-resolver.js';
import { RunRecorder } from './runs/run-recorder.js';
import { RunService } from './runs/run-service.js';
import { composeServerServices } from './runs/server-services.js';
import { sessionConversations } from './runs/session-conversations.js';
import { ServerSubflowRunner } from './runs/subflow-runner.js';
import { CredentialVault } from './security/credential-vault.js';
import { createSecretBox, loadSecretKey } from './security/secret-box.js';
import type { ServerContext } from './server-context.js';
import { openStorage } from './storage/open-storage.js';
import type { Storage } from './storage/storage.js';
import { startRunTelemetry } from './telemetry/run-telemetry.js';

export interface ServerOptions {
  config: ServerConfig;
  catalogue?: Catalogue;
  /** Services every run gets; by default the CLI's list (providers, sandbox, knowledge…) over the vault. */
  services?: ServiceRegistry;
  /** Environment for the services (provider keys, TAILOR_ALLOW_HOSTS); process.env by default. */
  env?: Readonly<Record<string, string | undefined>>;
  storage?: Storage;
  /** The scale-out executor and bus (BullMQ on Redis); in-process when absent. */
  scaleOut?: (deps: ScaleOutDeps) => Promise<{ executor: Executor; bus: RunBus }>;
  log?: (message: string, error?: unknown) => void;
}

export interface ScaleOutDeps {
  config: ServerConfig;
  storage: Storage;
  recorder: RunRecorder;
}

export interface RunningServer {
  url: string;
  http: HttpServer;
  io: SocketServer;
  context: ServerContext;
  executor: Executor;
  close(): Promise<void>;
}

function defaultLog(message: string, error?: unknown): void {
  const detail =
    error instanceof Error ? ` ${error.stack ?? error.message}` : error === undefined ? '' : ` ${String(error)}`;
  process.stderr.write(`[tailor] ${message}${detail}\n`);
}

/** The engine's services for one run, built on the shared ones. */
export function runServices(
  base: ServiceRegistry,
  storage: Storage,
  vault: CredentialVault,
  subflows?: SubflowRunner,
  prices?: PriceSettings,
): ServicesFor {
  const withCredentials = base.has(CredentialsService) ? base : base.with(CredentialsService, vault);
  let shared = subflows && !base.has(SubflowService) ? withCredentials.with(SubflowService, subflows) : withCredentials;
  // The admin's price table, swapped in when it is saved: the next run prices with it, no restart.
  prices?.onChange((table) => {
    shared = shared.with(PriceTableService, table);
  });
  return (request) => shared.with(ConversationStoreService, sessionConversations(storage.sessions, request.flowId));
}

function bindSubflows(subflows: ServerSubflowRunner, runs: RunService): RunService {
  subflows.bind(runs);
  return runs;
}

/** What routes use directly from the services: knowledge bases (their API) and model providers (rerank). */
function optionalServices(services: ServiceRegistry): Pick<ServerContext, 'knowledge' | 'modelProviders'> {
  const knowledge = services.find(KnowledgeService);
  const modelProviders = services.find(ModelProvidersService);
  return { ...(knowledge ? { knowledge } : {}), ...(modelProviders ? { modelProviders } : {}) };
}

/** The services every run gets: given ones (tests), else the same list the CLI uses, over the vault. */
async function baseServices(
  options: ServerOptions,
  vault: CredentialVault,
): Promise<{ services: ServiceRegistry; close(): Promise<void> }> {
  if (options.services) return { services: options.services, close: async () => undefined };
  return composeServerServices(vault, options.env ?? process.env, options.config.dataDir);
}

/** Builds every part of the server (composition root); nothing listens yet. */
export async function createServerContext(
  options: ServerOptions,
): Promise<{ context: ServerContext; executor: Executor; dispose(): Promise<void> }> {
  const { config } = options;
  const log = options.log ?? defaultLog;
  const catalogue = options.catalogue ?? defaultCatalogue;
  const storage = options.storage ?? (await openStorage(config));
  const vault = new CredentialVault(
    storage.credentials,
    createSecretBox(loadSecretKey(config.TAILOR_SECRET_KEY, join(config.dataDir, 'secret.key'))),
  );
  const telemetry = startRunTelemetry(config, storage, log);
  const recorder = new RunRecorder(telemetry.storage.runs, {
    onError: (error) => log('recording runs failed', error),
  });
  const composed = await baseServices(options, vault);
  const subflows = new ServerSubflowRunner();
  const prices = await PriceSettings.open(storage.settings, composed.services, log);
  const services = runServices(composed.services, storage, vault, subflows, prices);
  let executor: Executor;
  let bus: RunBus;
  const scaleOut = options.scaleOut ?? (config.executor === 'bullmq' ? bullmqScaleOut : undefined);
  if (scaleOut) {
    ({ executor, bus } = await scaleOut({ config, storage, recorder }));
  } else {
    bus = new LocalRunBus();
    executor = new InProcessExecutor(
      { catalogue, services, bus, recorder },
      { concurrency: config.TAILOR_CONCURRENCY },
    );
    // Only this process ran runs: whatever is still `running` was cut short by a crash or a kill.
    const interrupted = await storage.runs.markInterrupted(Date.now());
    if (interrupted.length > 0) log(`marked ${interrupted.length} run(s) left running by the last stop as interrupted`);
  }
  const adminAuth = new AdminAuth(storage.settings);
  await adminAuth.seedPassword(config.TAILOR_ADMIN_PASSWORD);
  const resolver = new FlowResolver(storage.flows, catalogue);
  const retention = new RunRetention(storage.runs, storage.settings, {
    ...(config.TAILOR_RETENTION_DAYS !== undefined ? { envDays: config.TAILOR_RETENTION_DAYS } : {}),
    log,
  });
  retention.start();
  const context: ServerContext = {
    config,
    storage,
    catalogue,
    vault,
    bus,
    recorder,
    resolver,
    retention,
    adminAuth,
    log,
    runs: bindSubflows(subflows, new RunService({ resolver, executor, bus, recorder, runs: storage.runs })),
    ...optionalServices(composed.services),
    providers: startProviderDirectory(composed.services, vault, options.env ?? process.env),
    prices,
    ...(telemetry.exporter ? { telemetry: telemetry.exporter } : {}),
    apiKeys: new ApiKeyAuth(storage.keys, {
      perKeyPerMinute: config.TAILOR_RATE_LIMIT_KEY,
      perIpPerMinute: config.TAILOR_RATE_LIMIT_IP,
    }),
  };
  return {
    context,
    executor,
    async dispose() {
      await retention.stop();
      await executor.close();
      await recorder.flush();
      await telemetry.close();
      await bus.close();
      await composed.close();
      if (!options.storage) await storage.close();
    },
  };
}

/** Runs go to `tailor worker` processes through BullMQ; events come back through Redis. */
export async function bullmqScaleOut({
  config,
  storage,
  recorder,
}: ScaleOutDeps): Promise<{ executor: Executor; bus: RunBus }> {
  const redisUrl = config.TAILOR_REDIS_URL;
  if (!redisUrl) throw new Error('TAILOR_EXECUTOR=bullmq needs TAILOR_REDIS_URL (e.g. redis://127.0.0.1:6379).');
  const prefix = config.TAILOR_REDIS_PREFIX;
  const bus = await RedisRunBus.connect(redisUrl, prefix);
  const executor = await BullmqExecutor.connect({ redisUrl, prefix, bus, recorder, runs: storage.runs });
  return { executor, bus };
}

/** `tailor worker`: the same storage, credentials and services as the server, taking runs from Redis. */
export async function startWorkerProcess(
  options: Omit<ServerOptions, 'scaleOut'> & { onRun?(runId: string): void },
): Promise<RunningWorker> {
  const { config } = options;
  const log = options.log ?? defaultLog;
  if (!config.TAILOR_REDIS_URL) throw new Error('tailor worker needs TAILOR_REDIS_URL (e.g. redis://127.0.0.1:6379).');
  const storage = options.storage ?? (await openStorage(config));
  const vault = new CredentialVault(
    storage.credentials,
    createSecretBox(loadSecretKey(config.TAILOR_SECRET_KEY, join(config.dataDir, 'secret.key'))),
  );
  const composed = await baseServices(options, vault);
  const subflows = new ServerSubflowRunner();
  const prices = await PriceSettings.open(storage.settings, composed.services, log);
  const services = runServices(composed.services, storage, vault, subflows, prices);
  const telemetry = startRunTelemetry(config, storage, log);
  const worker = await startWorker({
    redisUrl: config.TAILOR_REDIS_URL,
    prefix: config.TAILOR_REDIS_PREFIX,
    concurrency: config.TAILOR_CONCURRENCY,
    lockMs: config.TAILOR_JOB_LOCK_MS,
    catalogue: options.catalogue ?? defaultCatalogue,
    storage: telemetry.storage,
    services: () => services,
    subflows,
    // A price table saved on a server applies to the next run here too.
    beforeRun: () => prices.refresh(),
    log,
    ...(options.onRun ? { onRun: options.onRun } : {}),
  });
  return {
    bus: worker.bus,
    async close() {
      await worker.close();
      await telemetry.close();
      await composed.close();
      if (!options.storage) await storage.close();
    },
  };
}

/** Starts the HTTP API, socket.io and the editor's files on HOST:PORT. */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const { context, executor, dispose } = await createServerContext(options);
  const { app } = createApp(context);
  const http = createServer(app);
  const io = attachSocketServer(http, {
    bus: context.bus,
    adminAuth: context.adminAuth,
    evaluations: evaluationServiceOf(context),
  });
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.config.PORT, options.config.HOST, () => resolve());
  });
  const { port } = http.address() as AddressInfo;
  const host = options.config.HOST.includes(':') ? `[${options.config.HOST}]` : options.config.HOST;
  return {
    url: `http://${host}:${port}`,
    http,
    io,
    context,
    executor,
    async close() {
      await new Promise<void>((resolve) => io.close(() => resolve()));
      http.closeAllConnections();
      // Before the executor stops: evaluations end as cancelled instead of failing item after item.
      await evaluationServiceOf(context).close();
      await dispose();
    },
  };
}
