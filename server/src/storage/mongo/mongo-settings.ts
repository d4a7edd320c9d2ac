import type { AdminToken, SettingsStore } from '../settings-store.js';
import type { AdminTokenDoc, MongoModels, SettingDoc } from './models.js';
import { isDuplicateKey } from './mongo-errors.js';

export function createMongoSettingsStore(models: MongoModels): SettingsStore {
  const { settings, tokens } = models;
  return {
    async get(key) {
      return (await settings.findById(key).lean<SettingDoc>())?.value;
    },
    async set(key, value) {
      await settings.updateOne({ _id: key }, { $set: { value } }, { upsert: true });
    },
    async delete(key) {
      return (await settings.deleteOne({ _id: key })).deletedCount > 0;
    },
    async setIfAbsent(key, value) {
      try {
        await settings.create({ _id: key, value });
        return true;
      } catch (error) {
        if (isDuplicateKey(error)) return false;
        throw error;
      }
    },
    async addToken(token) {
      await tokens.create({
        _id: token.hash,
        kind: token.kind,
        createdAt: token.createdAt,
        expiresAt: token.expiresAt,
        expireAt: new Date(token.expiresAt),
      });
    },
    async findToken(hash, now) {
      const doc = await tokens.findOne({ _id: hash, expiresAt: { $gt: now } }).lean<AdminTokenDoc>();
      return doc
        ? { hash: doc._id, kind: doc.kind as AdminToken['kind'], createdAt: doc.createdAt, expiresAt: doc.expiresAt }
        : undefined;
    },
    async deleteToken(hash) {
      await tokens.deleteOne({ _id: hash });
    },
  };
}
