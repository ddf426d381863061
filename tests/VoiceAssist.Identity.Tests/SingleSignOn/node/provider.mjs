// OpenID Connect provider for the single sign-on tests, on loopback only. Started by the test fixture with:
//   OIDC_PORT, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, OIDC_REDIRECT_URI, OIDC_POST_LOGOUT_REDIRECT_URI,
//   OIDC_JWKS (the private signing key set as JSON, so the tests can also sign tokens that differ in one respect).
// Sign-in uses the library's development interactions: any login name with any password signs in as that account.
// Each account's groups can be changed with POST /test/accounts/<login>/groups (JSON array), to test role mapping.
import Provider from 'oidc-provider';

const port = Number(process.env.OIDC_PORT);
const issuer = `http://127.0.0.1:${port}`;
const api = 'urn:voiceassist:api';
const groups = new Map();

const configuration = {
  clients: [{
    client_id: process.env.OIDC_CLIENT_ID,
    client_secret: process.env.OIDC_CLIENT_SECRET,
    redirect_uris: [process.env.OIDC_REDIRECT_URI],
    post_logout_redirect_uris: [process.env.OIDC_POST_LOGOUT_REDIRECT_URI],
    grant_types: ['authorization_code', 'client_credentials'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_post',
    scope: 'openid email profile groups api',
  }],
  jwks: JSON.parse(process.env.OIDC_JWKS),
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'], groups: ['groups'] },
  scopes: ['openid', 'email', 'profile', 'groups', 'api'],
  conformIdTokenClaims: false,
  pkce: { required: () => true },
  features: {
    devInteractions: { enabled: true },
    clientCredentials: { enabled: true },
    rpInitiatedLogout: { enabled: true },
    resourceIndicators: {
      enabled: true,
      defaultResource: (ctx) => (ctx.oidc?.params?.grant_type === 'client_credentials' ? api : undefined),
      getResourceServerInfo: () => ({ scope: 'api', audience: api, accessTokenFormat: 'jwt', jwt: { sign: { alg: 'RS256' } } }),
    },
  },
  // Access tokens carry the account's groups, as a directory-backed provider's do; client-credentials tokens stand
  // for a service account in the 'voiceassist-clinicians' group.
  extraTokenClaims: (ctx, token) => {
    if (token.kind === 'ClientCredentials') return { groups: ['voiceassist-clinicians'] };
    return token.accountId ? { groups: groups.get(token.accountId) ?? ['voiceassist-clinicians'] } : undefined;
  },
  findAccount: (ctx, id) => ({
    accountId: id,
    claims: () => ({
      sub: id,
      email: `${id}@hospital.example`,
      email_verified: true,
      name: id,
      groups: groups.get(id) ?? ['voiceassist-clinicians'],
    }),
  }),
  ttl: { IdToken: 600, AccessToken: 600, ClientCredentials: 600, Session: 3600, Interaction: 600, Grant: 3600 },
};

const provider = new Provider(issuer, configuration);
provider.use(async (ctx, next) => {
  const match = /^\/test\/accounts\/([^/]+)\/groups$/.exec(ctx.path);
  if (match && ctx.method === 'POST') {
    let body = '';
    for await (const chunk of ctx.req) body += chunk;
    groups.set(decodeURIComponent(match[1]), JSON.parse(body));
    ctx.status = 204;
    return;
  }
  await next();
});
provider.listen(port, '127.0.0.1', () => console.log(`listening ${issuer}`));
