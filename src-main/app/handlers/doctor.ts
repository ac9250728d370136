import type { Services } from '../services';
import type { NamespaceHandlers } from './types';

export function doctorHandlers(s: Services): NamespaceHandlers<'doctor'> {
  return {
    run: () => s.doctor.run(),
  };
}
