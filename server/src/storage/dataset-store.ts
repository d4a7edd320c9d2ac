import { z } from 'zod';

export const DatasetItemSchema = z.object({
  /** A name for the item in reports. */
  id: z.string().max(200).optional(),
  inputs: z.record(z.string(), z.unknown()),
  /** What a good answer contains or equals; the evaluator decides how to compare. */
  expected: z.unknown().optional(),
  /** Texts that must all appear in the output (the `facts` scorer). */
  facts: z.array(z.string().min(1)).optional(),
  /** Documents retrieval should find (the `retrieval` scorer). */
  sources: z.array(z.string().min(1)).optional(),
});

export const DatasetBodySchema = z.object({
  name: z.string().min(1).max(200),
  flowId: z.string().optional(),
  items: z.array(DatasetItemSchema).max(10_000),
});

export const DatasetSchema = DatasetBodySchema.extend({
  id: z.string(),
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type Dataset = z.output<typeof DatasetSchema>;
export type DatasetSummary = Omit<Dataset, 'items'> & { itemCount: number };

/** Evaluation datasets: named lists of inputs with expected answers. */
export interface DatasetStore {
  list(): Promise<DatasetSummary[]>;
  get(id: string): Promise<Dataset | undefined>;
  put(dataset: Dataset): Promise<Dataset>;
  delete(id: string): Promise<boolean>;
}
