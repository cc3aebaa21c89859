# Loads a config/environments snippet into a minimal Rails application (railties and actionmailer)
# and delivers one mail through ActionMailer. Usage: ruby rails_send.rb path/to/production.rb
require "logger"
require "rails"
require "action_mailer/railtie"

class SnippetApp < Rails::Application
  config.eager_load = false
  config.logger = Logger.new(nil)
end

load ARGV.fetch(0)
Rails.application.initialize!

class SnippetMailer < ActionMailer::Base
  def hello
    mail(to: ENV["TEST_MAIL_TO"] || "success@simulator.amazonses.com",
         subject: "Test from Rails through Amazon SES", body: "It works.")
  end
end

SnippetMailer.hello.deliver_now
puts "Sent with Rails #{Rails.version}"
