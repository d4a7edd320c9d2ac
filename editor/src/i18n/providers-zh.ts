import type { providersEn } from './providers-en.js';

/** 检查器中的模型选择器与设置页的价格表：中文文字，并入 zh.ts。 */
export const providersZh: Record<keyof typeof providersEn, string> = {
  'modelPicker.loadingProviders': '正在加载模型服务商…',
  'modelPicker.configured': '已配置',
  'modelPicker.notConfigured': '本服务器未配置',
  'modelPicker.pickProvider': '先选择服务商，再查看它的模型。',
  'modelPicker.needsCredential': '该服务商在此没有密钥：请添加凭据，或在下方指定一个凭据。下面列出的是推荐模型。',
  'modelPicker.loadingModels': '正在向服务商查询模型列表…',
  'modelPicker.listFailed': '无法获取模型列表（{message}）。仍可直接输入模型 ID。',
  'modelPicker.listed': '服务商列出的模型：{count} 个。也可输入其他模型 ID。',
  'modelPicker.suggestions': '推荐模型；也可输入其他模型 ID。',
  'modelPicker.unlisted': '服务商的列表中没有这个模型；将按输入的 ID 使用。',
  'modelPicker.typeModel': '模型 ID',
  'modelPicker.refresh': '重新向服务商查询',
  'prices.title': '模型价格',
  'prices.hint':
    '每百万 token 的价格，叠加在内置价格表（以及 TAILOR_PRICES）之上。键的格式为 "provider/model" 或 "provider/*"。保存后，新的运行立即使用。',
  'prices.table': '你的价格表（JSON）',
  'prices.effective': '已为 {count} 个模型定价，货币：{currency}。',
  'prices.showEffective': '查看运行实际使用的价格表',
  'prices.notJson': 'JSON 格式还不正确：{message}',
  'prices.problems': '服务器拒绝了这个价格表：',
  'prices.saved': '已保存',
  'prices.reset': '删除我的价格表',
};
