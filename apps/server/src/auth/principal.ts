/** Who is calling: the tenant scopes visibility, the subject becomes `CreatorID`. */
export interface Principal {
  tenant: string;
  subject: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the auth plugin on every authenticated route; undefined on public routes. */
    principal?: Principal;
  }
}
