import { createCatalogue } from '@tailor/runtime';

/** Every node type Tailor offers, listed explicitly (no directory scanning). */
export const catalogue = createCatalogue([]);
