import { useEffect, useRef } from 'react';

/**
 * Calls `tick` now and then every `ms` while `active`; a tick that is still waiting for the server
 * is not started again, so a slow server never piles requests up.
 */
export function usePolling(tick: () => Promise<unknown>, ms: number, active: boolean): void {
  const latest = useRef(tick);
  latest.current = tick;
  useEffect(() => {
    if (!active) return;
    let busy = false;
    let stopped = false;
    const run = () => {
      if (busy || stopped) return;
      busy = true;
      void latest.current().finally(() => {
        busy = false;
      });
    };
    const timer = setInterval(run, ms);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [ms, active]);
}
