// swagger-ui-dist ships no types; the page uses this much of its bundle.
declare module 'swagger-ui-dist/swagger-ui-es-bundle.js' {
  interface SwaggerUiInstance {
    preauthorizeApiKey(securityScheme: string, value: string): void;
  }
  interface SwaggerUiOptions {
    spec: object;
    dom_id: string;
    [option: string]: unknown;
  }
  const SwaggerUI: (options: SwaggerUiOptions) => SwaggerUiInstance;
  export default SwaggerUI;
}
