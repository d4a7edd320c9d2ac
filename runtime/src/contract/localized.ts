import { z } from 'zod';

/** Text shown to analysts, in both UI languages. */
export const LocalizedTextSchema = z.object({ en: z.string(), zh: z.string() });
export type LocalizedText = z.output<typeof LocalizedTextSchema>;
