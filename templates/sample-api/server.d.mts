export interface SampleApi {
  base: string;
  close(): Promise<void>;
}
/** Starts the sample order and ticket API on 127.0.0.1 (port 0 picks a free one). */
export function startSampleApi(port?: number): Promise<SampleApi>;
