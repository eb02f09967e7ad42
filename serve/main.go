// Command serve is the development server: it builds what is stale (by running build.sh),
// serves dist/ on 127.0.0.1:8080, and rebuilds and reloads open pages when a lesson, a site
// file or the engine changes.
//
//	go run ./serve [-addr HOST:PORT] [-watch=false]
package main

import (
	"flag"
	"fmt"
	"log"
	"net/http"
	"os"
	"time"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:8080", "address to listen on")
	watch := flag.Bool("watch", true, "rebuild and reload pages when sources change")
	flag.Parse()
	log.SetFlags(log.Ltime)

	b := newBuilder(".")
	if err := b.buildIfStale(); err != nil {
		log.Printf("build failed:\n%v", err)
		if _, statErr := os.Stat("dist/index.html"); statErr != nil {
			os.Exit(1)
		}
		log.Print("serving the previous dist/")
	}
	reload := newBroadcaster()
	h, err := newHandler("dist", reload)
	if err != nil {
		log.Fatal(err)
	}
	if *watch {
		go b.watch(500*time.Millisecond, reload.send)
	}
	fmt.Printf("serving dist/ on http://%s/\n", *addr)
	log.Fatal(http.ListenAndServe(*addr, h))
}
