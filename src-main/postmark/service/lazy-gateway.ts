import { createPostmarkGateway, type PostmarkGateway } from '../gateway';

/**
 * A gateway that builds the real one on first use and again whenever the endpoint setting changes, so the
 * outbox (which holds one gateway for its life) follows Settings without a restart. The account token is read
 * per call by the gateway itself (function form), so a token set in Settings applies at once.
 */
export function createLazyGateway(deps: { accountToken: () => string | undefined; endpoint: () => string }): PostmarkGateway {
  let built: { endpoint: string; gateway: PostmarkGateway } | undefined;
  const current = (): PostmarkGateway => {
    const endpoint = deps.endpoint();
    if (built?.endpoint !== endpoint) built = { endpoint, gateway: createPostmarkGateway({ accountToken: deps.accountToken, endpoint }) };
    return built.gateway;
  };
  return new Proxy({} as PostmarkGateway, {
    get:
      (_target, key) =>
      (...args: unknown[]) =>
        (current()[key as keyof PostmarkGateway] as (...a: unknown[]) => unknown)(...args),
  });
}
