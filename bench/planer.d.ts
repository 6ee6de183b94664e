// planer ships no types: the two calls the mail bench makes.
declare module 'planer' {
  const planer: {
    extractFrom(body: string, contentType: 'text/plain' | 'text/html', dom?: Document): string;
    extractFromHtml(html: string, dom: Document): string;
  };
  export default planer;
}
