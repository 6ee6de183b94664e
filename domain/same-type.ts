// A compile-time check that a zod schema produces exactly a hand-written type: the workflow bundle uses
// the type (no zod there), the API the schema, and neither may drift from the other.
//   export const fooSchemaMatchesType: SameType<z.infer<typeof fooSchema>, Foo> = true;
export type SameType<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
