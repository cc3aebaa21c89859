# Ruby's mail gem (Debian ruby-mail) over one Net::SMTP session: MAIL_COUNT messages, as an
# application that batches them does. A failure ends the program with Ruby's own report.
require 'mail'
require 'net/smtp'
require 'openssl'

host = ENV.fetch('SMTP_HOST')
smtp = Net::SMTP.new(host, Integer(ENV.fetch('SMTP_PORT')))
smtp.open_timeout = 5
smtp.read_timeout = 5
context = OpenSSL::SSL::SSLContext.new
context.set_params(verify_mode: OpenSSL::SSL::VERIFY_PEER) # SSL_CERT_FILE names the test CA
if ENV.fetch('SMTP_TLS') == 'implicit'
  smtp.enable_tls(context)
else
  smtp.enable_starttls(context)
end
smtp.start('localhost', ENV.fetch('SMTP_USER'), ENV.fetch('SMTP_PASS'), :login) do |session|
  Integer(ENV.fetch('MAIL_COUNT', '1')).times do |i|
    mail = Mail.new do
      from ENV.fetch('MAIL_FROM')
      to ENV.fetch('MAIL_TO')
      subject "test #{i}"
      body 'hello'
    end
    Mail::SMTPConnection.new(connection: session).deliver!(mail)
  end
end
puts 'Sent'
