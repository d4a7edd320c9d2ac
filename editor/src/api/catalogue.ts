import { request } from './client.js';
import { CatalogueSchema } from './schemas.js';

export const catalogueApi = {
  list: () => request(CatalogueSchema, '/api/catalogue'),
};
