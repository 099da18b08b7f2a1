/**
 * Where the SAT services live, from `SAT_ENDPOINTS`: the real hosts (each service has its own), or one
 * base URL that serves every SAT path (a simulator). `simulator` names the simulator bundled in this
 * process, known only to the process that started it; without it the answer is null.
 */
export type SatEndpointBase = { production: true } | { production: false; baseUrl: string };

export function resolveSatEndpointBase(setting: string, simulatorUrl?: string): SatEndpointBase | null {
  if (setting === 'production') return { production: true };
  const base = (setting === 'simulator' ? simulatorUrl : setting)?.replace(/\/+$/, '');
  return base ? { production: false, baseUrl: base } : null;
}
