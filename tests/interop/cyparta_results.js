// What a frontend filters out of a subscription's results, against the Django package or
// Subscope: results that carry no event. docs/frontend-clients.md shows this file and how Apollo
// Client, urql and GraphiQL use it; the interop tests use it from here.
//
// - the register and unregister acks (W14, W15): `data: null` with `extensions.cyparta`;
// - the result the server adds when a request leaves the operation in no group (W13a):
//   `{"data": {"<field>": null}, "errors": null}` right after an unregister ack or an errors
//   result (a refusal, W16 / W17), so that the errors stay the last thing shown.

export const isCypartaAck = (result) => result?.data == null && result?.extensions?.cyparta != null;

// A predicate for one operation's results: true for the results to show, in order.
export function cypartaResultFilter() {
  let nullResultDue = false;
  return (result) => {
    const due = nullResultDue;
    nullResultDue = false;
    if (isCypartaAck(result)) {
      nullResultDue = result.extensions.cyparta.action === 'unregister';
      return false;
    }
    const data = result?.data;
    const allNull = data != null && Object.values(data).every((value) => value === null);
    if (due && allNull && result.errors == null) return false;
    nullResultDue = (result?.errors?.length ?? 0) > 0;
    return true;
  };
}
