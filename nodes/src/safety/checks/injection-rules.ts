/**
 * Prompt-injection and jailbreak phrasings, English and Chinese. Each rule needs the verb AND the
 * object of the attack ("ignore … previous … instructions"), so everyday sentences that share a
 * word ("ignore the typo in my previous message", "我忘记了之前的订单号") pass.
 */
export interface InjectionRule {
  type: string;
  regex: RegExp;
  reason: string;
}

const GAP = '[^.!?\\n]{0,40}?';
const ZH_GAP = '[^。！？\\n]{0,15}?';

export const INJECTION_RULES: readonly InjectionRule[] = [
  {
    type: 'ignore_instructions',
    regex: new RegExp(
      `\\b(?:ignore|disregard|forget|override|bypass|skip)\\b${GAP}\\b(?:previous|prior|above|earlier|preceding|all|any|your|the system|system)\\b${GAP}\\b(?:instructions?|prompts?|rules|directions|directives|guidelines|guardrails|constraints|policies)\\b`,
      'gi',
    ),
    reason: 'asks the model to drop its instructions',
  },
  {
    type: 'reveal_prompt',
    regex: new RegExp(
      `\\b(?:reveal|show|print|repeat|output|tell me|leak|display|dump|what (?:is|are))\\b${GAP}\\b(?:system prompt|initial prompt|hidden prompt|developer message|your (?:instructions|prompt|system message|rules))\\b`,
      'gi',
    ),
    reason: 'asks the model to reveal its hidden instructions',
  },
  {
    type: 'role_override',
    regex:
      /\b(?:you are no longer|from now on,? you (?:are|will)|act as (?:an? )?(?:unrestricted|unfiltered|uncensored|jailbroken|evil)|pretend (?:to be|you are) (?:an? )?(?:unrestricted|unfiltered|uncensored|ai without))\b/gi,
    reason: 'tries to replace the assistant’s role',
  },
  {
    type: 'jailbreak',
    regex:
      /\b(?:do anything now|DAN mode|developer mode (?:enabled|on)|jailbreak(?:ed)? mode|without any (?:restrictions|filters|censorship)|no (?:ethical|moral) (?:guidelines|restrictions))\b/gi,
    reason: 'a known jailbreak phrasing',
  },
  {
    type: 'fake_markup',
    regex:
      /<\|im_start\|>|<\|system\|>|\[\/?INST\]|<<\/?SYS>>|<\/?system>|^\s*#{2,}\s*(?:system|new instructions)\b/gim,
    reason: 'chat-template markup that pretends to be a system message',
  },
  {
    type: 'ignore_instructions',
    regex: new RegExp(
      `(?:忽略|无视|忘记|忘掉|不要理会|不用管|跳过|绕过)${ZH_GAP}(?:之前|以上|上面|前面|先前|此前|所有|全部|你的|系统)${ZH_GAP}(?:指令|指示|提示词?|规则|设定|约束|限制|要求)`,
      'g',
    ),
    reason: '要求模型放弃原有指令',
  },
  {
    type: 'reveal_prompt',
    regex: new RegExp(
      `(?:输出|显示|告诉我|泄露|打印|重复|透露|说出)${ZH_GAP}(?:系统提示词?|系统指令|系统消息|提示词|初始指令|你的(?:指令|设定|规则|提示词?))`,
      'g',
    ),
    reason: '要求模型泄露隐藏指令',
  },
  {
    type: 'reveal_prompt',
    regex: new RegExp(
      `(?:系统提示词|系统指令|初始指令|隐藏指令|你的(?:指令|设定|提示词))${ZH_GAP}(?:输出|打印|显示|发给我|告诉我|泄露|复述|念出来)`,
      'g',
    ),
    reason: '要求模型泄露隐藏指令',
  },
  {
    type: 'role_override',
    regex: new RegExp(
      `(?:从现在(?:开始|起)|现在起)${ZH_GAP}你(?:是|将|不再|要扮演)|你不再是|扮演${ZH_GAP}(?:没有|不受|无)(?:任何)?(?:限制|约束|规则|道德)`,
      'g',
    ),
    reason: '试图改写助手的角色',
  },
  {
    type: 'jailbreak',
    regex:
      /越狱模式|开发者模式|DAN\s*模式|解除(?:所有|一切)?(?:限制|封印|审查)|不受(?:任何)?(?:限制|约束|审查)的(?:AI|助手|模型|人工智能)/g,
    reason: '常见越狱话术',
  },
];
