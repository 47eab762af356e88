import { bash, dag, task } from '@updraft/sdk';

export default dag('do_nice_things', { schedule: '@daily', startDate: '2024-01-01', catchup: false }, () => {
  const fetch = bash('fetch_the_data', { command: 'echo "id,name\n1,ada" > blah.csv && cat blah.csv' });
  const clean = task('clean_the_data', async () => ({ rows: 1 }));
  fetch.then(clean);
});
