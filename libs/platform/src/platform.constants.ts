/** The app's name (`event-manager`, ...), for logs, metrics and default file names. */
export const APP_NAME = Symbol('APP_NAME');
