/** A `.sql` file imported as its text (webpack's asset/source; tools/test/sql-transform.cjs in jest). */
declare module '*.sql' {
  const text: string;
  export default text;
}
