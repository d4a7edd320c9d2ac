import type { KnowledgeBases, ModelProviders } from '@tailor/nodes';
import type { Catalogue } from '@tailor/runtime';
import type { AdminAuth } from './auth/admin-auth.js';
import type { ApiKeyAuth } from './auth/api-key-auth.js';
import type { PriceSettings } from './compose/price-settings.js';
import type { ProviderDirectory } from './compose/provider-directory.js';
import type { ServerConfig } from './config.js';
import type { RunBus } from './realtime/run-bus.js';
import type { RunRetention } from './retention/run-retention.js';
import type { FlowResolver } from './runs/flow-resolver.js';
import type { RunRecorder } from './runs/run-recorder.js';
import type { RunService } from './runs/run-service.js';
import type { CredentialVault } from './security/credential-vault.js';
import type { Storage } from './storage/storage.js';
import type { RunTraceExporter } from './telemetry/run-trace-exporter.js';

/** What the routes and the socket server work with; built once by the composition root. */
export interface ServerContext {
  config: ServerConfig;
  storage: Storage;
  catalogue: Catalogue;
  vault: CredentialVault;
  bus: RunBus;
  recorder: RunRecorder;
  resolver: FlowResolver;
  runs: RunService;
  /** Deletes runs past the retention period in the background. */
  retention: RunRetention;
  adminAuth: AdminAuth;
  apiKeys: ApiKeyAuth;
  /** Knowledge bases and model providers from the services, when the installation has them. */
  knowledge?: KnowledgeBases;
  modelProviders?: ModelProviders;
  /** Model providers for the editor's picker: which are configured, the models they list. */
  providers: ProviderDirectory;
  /** The price table runs use, with the admin's saved override. */
  prices: PriceSettings;
  /** The OpenTelemetry export of finished runs, when TAILOR_OTLP_ENDPOINT is set. */
  telemetry?: RunTraceExporter;
  log(message: string, error?: unknown): void;
}
