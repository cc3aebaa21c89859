// Go's net/smtp (Debian golang-go): MAIL_COUNT messages over one client, STARTTLS or TLS from the
// first byte; a failure ends the program with log.Fatal, as small Go services do.
package main

import (
	"crypto/tls"
	"fmt"
	"log"
	"net"
	"net/smtp"
	"os"
	"strconv"
	"time"
)

func main() {
	host := os.Getenv("SMTP_HOST")
	addr := net.JoinHostPort(host, os.Getenv("SMTP_PORT"))
	config := &tls.Config{ServerName: host} // SSL_CERT_FILE names the test CA
	implicit := os.Getenv("SMTP_TLS") == "implicit"
	dialer := &net.Dialer{Timeout: 5 * time.Second}
	var conn net.Conn
	var err error
	if implicit {
		conn, err = tls.DialWithDialer(dialer, "tcp", addr, config)
	} else {
		conn, err = dialer.Dial("tcp", addr)
	}
	if err != nil {
		log.Fatal(err)
	}
	conn.SetDeadline(time.Now().Add(15 * time.Second))
	client, err := smtp.NewClient(conn, host)
	if err != nil {
		log.Fatal(err)
	}
	if !implicit {
		if err := client.StartTLS(config); err != nil {
			log.Fatal(err)
		}
	}
	if err := client.Auth(smtp.PlainAuth("", os.Getenv("SMTP_USER"), os.Getenv("SMTP_PASS"), host)); err != nil {
		log.Fatal(err)
	}
	count, _ := strconv.Atoi(os.Getenv("MAIL_COUNT"))
	if count < 1 {
		count = 1
	}
	for i := 0; i < count; i++ {
		if err := client.Mail(os.Getenv("MAIL_FROM")); err != nil {
			log.Fatal(err)
		}
		if err := client.Rcpt(os.Getenv("MAIL_TO")); err != nil {
			log.Fatal(err)
		}
		w, err := client.Data()
		if err != nil {
			log.Fatal(err)
		}
		fmt.Fprintf(w, "From: %s\r\nTo: %s\r\nSubject: test %d\r\n\r\nhello\r\n", os.Getenv("MAIL_FROM"), os.Getenv("MAIL_TO"), i)
		if err := w.Close(); err != nil {
			log.Fatal(err)
		}
	}
	client.Quit()
	fmt.Println("Sent")
}
