import { TailorError } from '@tailor/runtime';
import { describe, expect, it } from 'vitest';
import { importOpenApi } from './openapi-import.js';

const TICKETS_YAML = `
openapi: 3.0.3
info: { title: Scenic tickets }
servers: [{ url: https://api.tickets.example/v1 }]
paths:
  /spots/{spotId}/prices:
    parameters:
      - { name: spotId, in: path, required: true, schema: { type: string }, description: Spot id }
    get:
      operationId: getPrices
      summary: Live ticket prices of a scenic spot
      parameters:
        - { name: date, in: query, required: true, schema: { type: string, format: date } }
        - { name: X-Tenant-Id, in: header, schema: { type: string } }
  /orders:
    post:
      summary: Book tickets
      requestBody:
        required: true
        content:
          application/json:
            schema: { $ref: '#/components/schemas/Order' }
components:
  schemas:
    Order:
      type: object
      required: [spotId, count]
      properties:
        spotId: { type: string }
        count: { type: integer, minimum: 1 }
        buyer: { $ref: '#/components/schemas/Person' }
    Person:
      type: object
      properties:
        name: { type: string }
        friend: { $ref: '#/components/schemas/Person' }
`;

function failure(run: () => unknown): TailorError {
  try {
    run();
  } catch (error) {
    if (error instanceof TailorError) return error;
    throw error;
  }
  throw new Error('expected the import to fail');
}

describe('importOpenApi', () => {
  it('turns each operation into a tool with an http config and argument schema', () => {
    const [prices, order] = importOpenApi(TICKETS_YAML, { credential: 'tickets-key' });
    expect(prices).toEqual({
      name: 'getPrices',
      description: 'Live ticket prices of a scenic spot',
      parameters: {
        type: 'object',
        properties: {
          spotId: { type: 'string', description: 'Spot id' },
          date: { type: 'string', format: 'date' },
          'X-Tenant-Id': { type: 'string' },
        },
        required: ['spotId', 'date'],
      },
      http: {
        method: 'GET',
        url: 'https://api.tickets.example/v1/spots/{{ args.spotId | url_encode | replace: "+", "%20" }}/prices',
        query: { date: '{{ args.date }}' },
        headers: { 'X-Tenant-Id': '{{ args["X-Tenant-Id"] }}' },
        credential: 'tickets-key',
      },
    });
    expect(order?.name).toBe('post_orders');
    expect(order?.http).toMatchObject({ method: 'POST', body: '{{ args.body }}', bodyType: 'json' });
    expect(order?.parameters.required).toEqual(['body']);
    expect(order?.parameters.properties.body).toMatchObject({
      required: ['spotId', 'count'],
      properties: { buyer: { properties: { friend: { description: '(recursive Person)' } } } },
    });
  });

  it('reads JSON too and lets the caller set the base URL', () => {
    const json = JSON.stringify({ openapi: '3.1.0', paths: { '/ping': { get: { operationId: 'ping' } } } });
    expect(importOpenApi(json, { baseUrl: 'http://internal.example/api/' })[0]?.http.url).toBe(
      'http://internal.example/api/ping',
    );
  });

  it.each([
    ['', 'empty'],
    ['openapi: 3.0.0\npaths: [unclosed', 'line 2'],
    ['{"swagger": "2.0", "paths": {}}', 'Swagger 2.0'],
    ['openapi: 2.5\npaths: {}', 'only OpenAPI 3.x'],
    ['openapi: 3.0.0\nservers: [{url: "https://x.example"}]\npaths: {}', 'no operations'],
    ['openapi: 3.0.0\npaths: { /a: { get: {} } }', 'no absolute server URL'],
    [
      'openapi: 3.0.0\nservers: [{url: "https://x.example"}]\npaths: { /a: { get: { requestBody: { $ref: "#/components/requestBodies/Nope" } } } }',
      'points at nothing',
    ],
  ])('explains what is wrong with a broken document (%#: %s)', (source, expected) => {
    const error = failure(() => importOpenApi(source));
    expect(error.code).toBe('OPENAPI_INVALID');
    expect(error.message).toContain(expected);
  });
});
