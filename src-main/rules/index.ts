export { createRulesService, type RulesService } from './rules-service';
export { evaluateSenderRules } from './sender-rules';
export { customerRules } from './sheet-wording';
