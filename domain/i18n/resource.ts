/** A resource file of one locale: nested keys, plain-text leaves. */
export interface Resource {
  [key: string]: string | Resource;
}
