package lab

import "testing"

// The budget: 10,000 clients × 10 requests on each model in under 0.5 s natively.
//
//	go test ./lab -run '^$' -bench .
func BenchmarkTenThousandClients(b *testing.B) {
	for _, m := range Models {
		b.Run(string(m), func(b *testing.B) {
			p := Defaults()
			p.Models = []Model{m}
			p.Clients, p.Requests = 10_000, 10
			for range b.N {
				if _, err := Simulate(p); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
