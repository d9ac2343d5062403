import { DecodeError, decodeBody } from '../../src/upstream/decode';

describe('decodeBody', () => {
  it('keeps JSON numbers as their exact text so money never becomes a float', () => {
    expect(decodeBody('application/json', '{"value": 10.17127500, "autoReload": false}')).toEqual({
      value: '10.17127500',
      autoReload: false,
    });
  });

  it('decodes XML documents to the same shape as JSON, unwrapping the root element', () => {
    const xml = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
      <accountBalance><value>10.17127500</value><autoReload>false</autoReload></accountBalance>`;
    expect(decodeBody('application/xml; charset=UTF-8', xml)).toEqual({
      value: '10.17127500',
      autoReload: 'false',
    });
  });

  it('accepts text/xml and collapses the declared list wrappers, even with a single item', () => {
    const xml =
      '<pricing><countryCode>GB</countryCode><networks><network><networkCode>23410</networkCode>' +
      '</network></networks></pricing>';
    expect(decodeBody('text/xml', xml, [{ at: 'networks', item: 'network' }])).toEqual({
      countryCode: 'GB',
      networks: [{ networkCode: '23410' }],
    });
  });

  it('makes lists only where the client declared them, by path, not by element name', () => {
    const xml =
      '<response><count>1</count><countries><country><country>DE</country><networks>' +
      '<network><network>Telekom</network></network></networks></country></countries></response>';
    const lists = [
      { at: 'countries', item: 'country' },
      { at: 'countries.networks', item: 'network' },
    ];
    expect(decodeBody('application/xml', xml, lists)).toEqual({
      count: '1',
      countries: [{ country: 'DE', networks: [{ network: 'Telekom' }] }],
    });
    expect(decodeBody('application/xml', xml)).toEqual({
      count: '1',
      countries: { country: { country: 'DE', networks: { network: { network: 'Telekom' } } } },
    });
  });

  it('reads repeated elements as a list, and an empty wrapper as an empty list', () => {
    const xml =
      '<inbound-numbers><count>2</count><numbers><msisdn>447700900001</msisdn><features>' +
      '<feature>SMS</feature></features></numbers><numbers><msisdn>447700900002</msisdn>' +
      '<features/></numbers></inbound-numbers>';
    const lists = [{ at: 'numbers' }, { at: 'numbers.features', item: 'feature' }];
    expect(decodeBody('text/xml', xml, lists)).toEqual({
      count: '2',
      numbers: [
        { msisdn: '447700900001', features: ['SMS'] },
        { msisdn: '447700900002', features: [] },
      ],
    });
  });

  it('treats an empty body as an empty object (the upstream answers {} pages and empty 200s)', () => {
    expect(decodeBody('application/json', '')).toEqual({});
    expect(decodeBody(undefined, '   ')).toEqual({});
  });

  it('sniffs the format when the content type is missing', () => {
    expect(decodeBody(undefined, '{"a":1}')).toEqual({ a: '1' });
    expect(decodeBody('text/plain', '<response><a>1</a></response>')).toEqual({ a: '1' });
  });

  it.each([
    ['application/json', '{"value": '],
    ['application/xml', '<accountBalance><value>1</accountBalance>'],
    ['text/html', 'Bad gateway'],
  ])('rejects malformed %s with a DecodeError', (type, text) => {
    expect(() => decodeBody(type, text)).toThrow(DecodeError);
  });
});
