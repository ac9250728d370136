import type { Services } from '../services';
import type { NamespaceHandlers } from './types';

export function optionsHandlers(s: Services): NamespaceHandlers<'options'> {
  return {
    compare: ({ id }) => s.options.compare(id),
    choose: (input) => s.options.change(input),
    planSwitch: ({ id, to }) => s.options.planSwitch(id, to),
    lintDisplayName: ({ id, name, preset }) => s.options.lintDisplayName(id, name, preset),
    deferredRemovals: ({ id }) => s.options.deferredRemovals(id),
  };
}
