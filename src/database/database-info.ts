/** Which database the service runs on; decided before the Nest application is built. */
export interface DatabaseInfo {
  url: string;
  embedded: boolean;
}

export const DATABASE_INFO = Symbol('DATABASE_INFO');
