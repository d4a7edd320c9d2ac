import { readRemoteConfig, type WidgetConfig } from './widget-config.js';

/**
 * The flow's widget settings from `GET /v1/widget/:flow/config`. The widget works without them
 * (attributes and defaults), so any failure — offline, refused origin, old server — yields
 * undefined, and the widget just does not claim to be online.
 */
export async function loadRemoteConfig(
  server: string,
  flow: string,
  key: string,
): Promise<Partial<WidgetConfig> | undefined> {
  try {
    const response = await fetch(`${server}/v1/widget/${encodeURIComponent(flow)}/config`, {
      headers: { Authorization: `Bearer ${key}`, Accept: 'application/json' },
      credentials: 'omit',
    });
    return response.ok ? readRemoteConfig(await response.json(), server) : undefined;
  } catch {
    return undefined;
  }
}
