export { assessAll, assessOption } from './assess';
export { compareOptions } from './compare';
export { POSTMARK_DOMAIN, POSTMARK_ENVELOPE } from './facts';
export { PUBLIC_MAILBOX_DOMAINS, domainOfAddress, isPublicMailboxDomain } from './public-mailbox';
export { recommend } from './recommend';
export { OPTION_TITLES, SENDING_OPTIONS } from './types';
export type {
  AssessmentStatus,
  Branding,
  Deliverability,
  DmarcFact,
  DmarcOutcome,
  DmarcPolicy,
  Effort,
  FromPreview,
  OptionAssessment,
  OptionComparison,
  OptionsFacts,
  OptionsTenant,
  OptionsVendor,
  Prerequisite,
  PrerequisiteState,
  Recommendation,
  SendingOption,
} from './types';
