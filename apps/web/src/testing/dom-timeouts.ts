import { configure } from '@testing-library/dom';

// `findBy…` and `waitFor` give up after 1 s by default. On a 2-core CI machine running two test
// workers (and browsers, OCR, PostgreSQL) a first render can take longer: wait up to 5 s, which
// costs nothing when the page is quick.
configure({ asyncUtilTimeout: 5_000 });
