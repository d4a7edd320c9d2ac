/** The inspector's model picker and the settings page's price table, merged into en.ts. */
export const providersEn = {
  'modelPicker.loadingProviders': 'Loading providers…',
  'modelPicker.configured': 'Configured',
  'modelPicker.notConfigured': 'Not configured here',
  'modelPicker.pickProvider': 'Pick a provider to see its models.',
  'modelPicker.needsCredential':
    'This provider has no key here: add a credential, or name one below. Suggested models are listed.',
  'modelPicker.loadingModels': 'Asking the provider for its models…',
  'modelPicker.listFailed': 'Could not list the models ({message}). You can still type a model id.',
  'modelPicker.listed': 'Listed by the provider: {count}. Any other id can be typed.',
  'modelPicker.suggestions': 'Suggested models; any other id can be typed.',
  'modelPicker.unlisted': 'The provider does not list this model; it is used as typed.',
  'modelPicker.typeModel': 'Model id',
  'modelPicker.refresh': 'Ask the provider again',
  'prices.title': 'Model prices',
  'prices.hint':
    'Prices per million tokens, laid over the shipped table (and TAILOR_PRICES). Keys are "provider/model" or "provider/*". New runs use the saved table at once.',
  'prices.table': 'Your price table (JSON)',
  'prices.effective': '{count} models priced, in {currency}.',
  'prices.showEffective': 'Show the table runs use',
  'prices.notJson': 'Not valid JSON yet: {message}',
  'prices.problems': 'The server refused the table:',
  'prices.saved': 'Saved',
  'prices.reset': 'Remove my table',
} as const;
