package esm

// Syntax offers Module and Script with plain result types, so that the engine (which must not
// import esbuild) can take it as its engine.Syntax without this package importing the engine.
type Syntax struct{}

// Module is Module with the ModuleCode fields spread out.
func (Syntax) Module(src, filename string) ([]string, string, error) {
	m, err := Module(src, filename)
	if err != nil {
		return nil, "", err
	}
	return m.Imports, m.Code, nil
}

// Script is Script.
func (Syntax) Script(src, filename string) (string, error) { return Script(src, filename) }
